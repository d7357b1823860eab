// 导入进度: polls the batch's progress and reloads the page when the import is over (its outcome is then on the page).
(function () {
    const box = document.querySelector('[data-progress-url]');
    if (!box) return;
    const bar = box.querySelector('[data-bar]');
    const text = box.querySelector('[data-progress-text]');
    const url = box.getAttribute('data-progress-url');
    async function poll() {
        try {
            const r = await fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
            if (r.ok) {
                const p = await r.json();
                if (p.status !== 'Running') { location.reload(); return; }
                const total = p.total || 0;
                const done = p.processed || 0;
                const percent = total > 0 ? Math.floor(done * 100 / total) : 0;
                bar.style.width = percent + '%';
                bar.setAttribute('aria-valuenow', String(done));
                text.textContent = p.phase === '写入'
                    ? '已写入 ' + done.toLocaleString('zh-CN') + ' / ' + total.toLocaleString('zh-CN') + ' 行（' + percent + '%）'
                    : '正在再次校验 ' + total.toLocaleString('zh-CN') + ' 行……';
            }
        } catch (e) { /* the next poll tries again */ }
        setTimeout(poll, 1000);
    }
    poll();
})();
