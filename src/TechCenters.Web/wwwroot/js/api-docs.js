// Starts Scalar's API reference on /api/docs from a file (the app's CSP allows no inline script).
// The reference only reads: no developer toolbar, no AI assistant, no hosted services of Scalar's.
(function () {
    var app = document.getElementById('app');
    window.Scalar.createApiReference('#app', {
        sources: [{ title: 'v1', url: new URL(app.dataset.openapi, window.location.origin).toString() }],
        withDefaultFonts: false,
        favicon: '/api/docs/favicon.svg',
        showDeveloperTools: 'never',
        hideClientButton: true,
        agent: { disabled: true },
        telemetry: false
    });
})();
