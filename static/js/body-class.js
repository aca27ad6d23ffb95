// Runs first in <body>: tells the NHS.UK styles that JavaScript is on (a file, not inline,
// so the Content-Security-Policy allows no inline script at all).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
