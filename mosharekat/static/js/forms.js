// Client-side checks with Persian messages. The server checks everything again; the page works without this.
(function () {
  "use strict";
  function message(el) {
    var v = el.validity;
    if (v.valueMissing) return el.type === "radio" ? "یکی از گزینه‌ها را انتخاب کنید." : "این بخش را پر کنید.";
    if (v.tooShort) return "دست‌کم " + el.minLength.toLocaleString("fa-IR") + " نویسه بنویسید.";
    if (v.tooLong) return "حداکثر " + el.maxLength.toLocaleString("fa-IR") + " نویسه مجاز است.";
    if (v.typeMismatch && el.type === "email") return "نشانی رایانامه درست نیست؛ مانند name@example.com.";
    return "مقدار واردشده درست نیست.";
  }
  function show(el, text) {
    var id = (el.id || el.name) + "_js_error";
    var box = document.createElement("div");
    box.className = "errorlist js-error";
    box.id = id;
    box.textContent = text;
    var described = el.getAttribute("aria-describedby");
    el.setAttribute("aria-invalid", "true");
    el.setAttribute("aria-describedby", described ? described + " " + id : id);
    var anchor = el.type === "radio" ? el.closest("fieldset").querySelector("legend") : el;
    anchor.insertAdjacentElement("afterend", box);
  }
  function validate(form) {
    form.querySelectorAll(".js-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    form.querySelectorAll("[aria-describedby]").forEach(function (e) {
      // Keep what the server tied to the field (its error list), drop the messages removed above.
      var ids = e.getAttribute("aria-describedby").split(/\s+/).filter(function (id) {
        return id && !/_js_error$/.test(id);
      });
      if (ids.length) e.setAttribute("aria-describedby", ids.join(" ")); else e.removeAttribute("aria-describedby");
    });
    var invalid = [], seenRadio = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.willValidate || el.checkValidity()) return;
      if (el.type === "radio") { if (seenRadio[el.name]) return; seenRadio[el.name] = true; }
      show(el, message(el));
      invalid.push(el);
    });
    var anon = form.querySelector("[name=is_anonymous]");
    var mobile = form.querySelector("[name=mobile]"), email = form.querySelector("[name=email]");
    if (anon && !anon.checked && mobile && !mobile.value.trim() && !email.value.trim()) {
      show(mobile, "شماره همراه یا رایانامه را وارد کنید، یا گزینه ناشناس را بزنید.");
      invalid.push(mobile);
    }
    if (invalid.length) invalid[0].focus();
    return invalid.length === 0;
  }
  document.querySelectorAll("form[data-validate]").forEach(function (form) {
    form.addEventListener("submit", function (event) { if (!validate(form)) event.preventDefault(); });
  });
  var summary = document.getElementById("form-errors");
  if (summary) summary.focus();
})();
