// The grade distribution of an evaluation campaign (ECharts, served from wwwroot/lib; data from the element's attributes).
(function () {
  var el = document.getElementById('grade-chart');
  if (!el || !window.echarts) return;
  var grades = (el.dataset.grades || '').split(',').filter(Boolean);
  var counts = (el.dataset.counts || '').split(',').map(Number);
  var chart = window.echarts.init(el);
  chart.setOption({
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    tooltip: {},
    xAxis: { type: 'category', data: grades },
    yAxis: { type: 'value', minInterval: 1, name: '家' },
    series: [{ type: 'bar', data: counts, itemStyle: { color: '#206bc4' }, label: { show: true, position: 'top' } }],
    animation: false
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
