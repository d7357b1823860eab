// 总览的图表 (ECharts, served from wwwroot/lib): each [data-chart] element carries its labels, values and links as JSON.
// Values are written on the bars and slices, and the series use patterns as well as colours (aria decal), so the
// charts read without colour alone; a click opens the filtered list behind the bar or slice. Tooltips are drawn on the
// canvas (richText), not as HTML with inline styles, which the CSP refuses.
(function () {
  if (typeof echarts === 'undefined') return;
  var charts = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var spec = JSON.parse(el.getAttribute('data-chart'));
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var aria = { enabled: true, decal: { show: true } };
    var option;
    if (spec.kind === 'pie') {
      option = {
        aria: aria,
        tooltip: { trigger: 'item', renderMode: 'richText', formatter: '{b}：{c}（{d}%）' },
        series: [{
          name: spec.series, type: 'pie', radius: ['35%', '65%'],
          label: { formatter: '{b}\n{c}' },
          data: spec.labels.map(function (l, i) { return { name: l, value: spec.values[i] }; }).filter(function (d) { return d.value > 0; })
        }]
      };
    } else {
      var horizontal = spec.kind === 'hbar';
      var category = { type: 'category', data: spec.labels, axisLabel: { interval: 0 } };
      var value = { type: 'value', minInterval: 1 };
      option = {
        aria: aria,
        grid: { left: horizontal ? 110 : 40, right: 30, top: 20, bottom: 30 },
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? Object.assign({ inverse: true }, category) : value,
        series: [{ name: spec.series, type: 'bar', data: spec.values, label: { show: true, position: horizontal ? 'right' : 'top' } }]
      };
    }
    chart.setOption(option);
    chart.on('click', function (p) {
      var i = spec.labels.indexOf(p.name);
      if (i >= 0 && spec.links[i]) window.location.href = spec.links[i];
    });
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
