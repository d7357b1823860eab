// 申报书 form: live eligibility panel (posts the form, gets the panel HTML), co-builder rows, plan character count.
(function () {
    const form = document.getElementById('application-form');
    if (!form) return;
    const panel = document.getElementById('eligibility-panel');
    let timer = null, seq = 0;
    // A failed check is retried twice, then said on the panel (the applicant must not read a stale verdict as current).
    function refresh(attempt) {
        const mine = ++seq;
        const tries = attempt || 0;
        const failed = () => {
            if (mine !== seq) return;
            if (tries < 2) { setTimeout(() => { if (mine === seq) refresh(tries + 1); }, 1500); return; }
            let note = document.getElementById('panel-stale');
            if (!note) {
                note = document.createElement('div');
                note.id = 'panel-stale';
                note.className = 'alert alert-warning small py-1 px-2 mb-2';
                note.setAttribute('role', 'status');
                panel.prepend(note);
            }
            note.textContent = '自查结果未能按最新填写更新，请稍后再改动任一项或保存草稿后查看。';
        };
        fetch(form.dataset.panelUrl, { method: 'POST', body: new FormData(form), credentials: 'same-origin' })
            .then(r => r.ok && !r.redirected ? r.text() : null) // a lapsed session redirects to the login page
            .then(html => { if (html === null) failed(); else if (mine === seq) panel.innerHTML = html; })
            .catch(failed);
    }
    function schedule() { clearTimeout(timer); timer = setTimeout(() => refresh(0), 350); }
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
    // Marks the form as live: what is typed from now on reaches the panel (browser tests wait for it under load).
    form.dataset.live = 'true';
})();
