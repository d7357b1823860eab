// 申报书 form: live eligibility panel (posts the form, gets the panel HTML), co-builder rows, plan character count.
(function () {
    const form = document.getElementById('application-form');
    if (!form) return;
    const panel = document.getElementById('eligibility-panel');
    let timer = null, seq = 0;
    function refresh() {
        const mine = ++seq;
        fetch(form.dataset.panelUrl, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
            .then(r => r.ok ? r.text() : null)
            .then(html => { if (html !== null && mine === seq) panel.innerHTML = html; })
            .catch(() => { });
    }
    function schedule() { clearTimeout(timer); timer = setTimeout(refresh, 350); }
    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);

    // Drafts are saved as the applicant works: every 30 s while something changed. A conflict stops autosaving.
    const autosaveUrl = form.dataset.autosaveUrl;
    const status = document.getElementById('autosave-status');
    let dirty = false, stopped = false;
    form.addEventListener('input', () => { dirty = true; });
    form.addEventListener('change', () => { dirty = true; });
    if (autosaveUrl) setInterval(() => {
        if (!dirty || stopped) return;
        dirty = false;
        fetch(autosaveUrl, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
            .then(r => r.json().then(j => ({ ok: r.ok, j })))
            .then(({ ok, j }) => {
                if (ok) { form.querySelector('input[name=revision]').value = String(j.revision); }
                else { stopped = true; if (status) status.classList.add('text-danger'); }
                if (status) status.textContent = j.message;
            })
            .catch(() => { dirty = true; });
    }, 30000);

    const counter = document.getElementById('plan-chars');
    function count() {
        let n = 0;
        form.querySelectorAll('.plan-section').forEach(t => { n += t.value.replace(/\s/g, '').length; });
        if (counter) counter.textContent = String(n);
    }
    form.addEventListener('input', e => { if (e.target.classList && e.target.classList.contains('plan-section')) count(); });

    const tpl = document.getElementById('co-builder-template');
    // 共建单位检索: by name or credit code; choosing a unit adds its row.
    const search = document.getElementById('unit-search');
    const results = document.getElementById('unit-results');
    let searchTimer = null;
    function addUnit(u) {
        const row = tpl.content.firstElementChild.cloneNode(true);
        row.querySelector('input[name="cb.code"]').value = u.code;
        row.children[1].textContent = u.name;
        row.children[1].classList.remove('text-secondary');
        tbody.appendChild(row);
        results.replaceChildren();
        search.value = '';
        schedule();
    }
    if (search && results) search.addEventListener('input', () => {
        clearTimeout(searchTimer);
        const q = search.value.trim();
        if (q.length < 2) { results.replaceChildren(); return; }
        searchTimer = setTimeout(() => {
            fetch(search.dataset.url + '&q=' + encodeURIComponent(q), { credentials: 'same-origin' })
                .then(r => r.ok ? r.json() : [])
                .then(units => {
                    results.replaceChildren(...units.map(u => {
                        const b = document.createElement('button');
                        b.type = 'button';
                        b.className = 'list-group-item list-group-item-action py-1 small';
                        b.dataset.code = u.code;
                        b.textContent = u.name + '（' + u.type + '，' + u.code + '）';
                        b.addEventListener('click', () => addUnit(u));
                        return b;
                    }));
                    if (units.length === 0) {
                        const none = document.createElement('div');
                        none.className = 'list-group-item py-1 small text-secondary';
                        none.textContent = '单位库中没有匹配的单位，请先由科技局登记。';
                        results.replaceChildren(none);
                    }
                })
                .catch(() => { });
        }, 250);
    });

    const tbody = document.querySelector('#co-builders tbody');
    const add = document.getElementById('add-co-builder');
    if (add && tbody && tpl) add.addEventListener('click', () => { tbody.appendChild(tpl.content.cloneNode(true)); });
    if (tbody) tbody.addEventListener('click', e => {
        const btn = e.target.closest('.remove-row');
        if (btn) { btn.closest('tr').remove(); schedule(); }
    });
})();
