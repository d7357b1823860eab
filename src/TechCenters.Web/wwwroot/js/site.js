// Every consequential action asks first: a button or form with data-confirm shows its question before it posts.
(function () {
    document.addEventListener('click', function (e) {
        const el = e.target.closest('[data-confirm]');
        if (!el || el.tagName === 'FORM') return;
        if (!window.confirm(el.dataset.confirm)) { e.preventDefault(); e.stopPropagation(); }
    }, true);
    document.addEventListener('submit', function (e) {
        const form = e.target;
        if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
    }, true);
})();
