// Starts Swagger UI on /api/docs/. A file, not an inline script, because the site's CSP allows only 'self'.
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    deepLinking: true,
    validatorUrl: null, // no call to the public validator: nothing leaves the site
    tryItOutEnabled: false,
  });
})();
