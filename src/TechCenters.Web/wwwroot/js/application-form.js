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

    const tbody = document.querySelector('#co-builders tbody');
    const tpl = document.getElementById('co-builder-template');
    const add = document.getElementById('add-co-builder');
    if (add && tbody && tpl) add.addEventListener('click', () => { tbody.appendChild(tpl.content.cloneNode(true)); });
    if (tbody) tbody.addEventListener('click', e => {
        const btn = e.target.closest('.remove-row');
        if (btn) { btn.closest('tr').remove(); schedule(); }
    });
})();
