// The PIN page: shows the access token that the implicit grant put in the URL fragment, and copies it.
// The fragment never reaches the server; this script reads it locally, sends it nowhere, and then
// removes it from the address bar and history so that it does not linger there.
;(function () {
  'use strict'
  // Only fixed messages are shown (the page carries one per error code), and a token only when it has
  // the shape of Kiroku's: whoever made the link chose the fragment, and must not write on this page.
  var JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
  var ERROR_CODE = /^[a-z_]{1,40}$/
  var box = document.getElementById('token-box')
  var showMessage = function (code) {
    var shown = (ERROR_CODE.test(code) && document.getElementById('pin-error-' + code)) || document.getElementById('pin-error-other')
    shown.hidden = false
    // The way back: "Start again" with the request that led here, or home.
    var restart = document.getElementById('pin-restart')
    if (restart) restart.hidden = false
  }
  // The whole token in view: the box grows to its text where CSS field-sizing is not supported.
  var sizedByCss = typeof CSS !== 'undefined' && CSS.supports && CSS.supports('field-sizing', 'content')
  var fit = function (field) {
    if (sizedByCss || !field.style || typeof field.scrollHeight !== 'number') return
    field.style.height = 'auto'
    field.style.height = field.scrollHeight + 2 + 'px'
  }
  if (box && window.location.hash.length > 1) {
    var params = new URLSearchParams(window.location.hash.slice(1))
    var token = params.get('access_token')
    var error = params.get('error')
    var missing = document.getElementById('token-missing')
    if (token && token.length <= 4096 && JWS.test(token)) {
      var field = document.getElementById('pin-value')
      field.value = token
      var seconds = Number(params.get('expires_in'))
      if (seconds > 0) {
        var days = Math.round(seconds / 86400)
        document.getElementById('expires-in').textContent = days >= 1 ? days + ' days' : seconds + ' seconds'
      }
      box.hidden = false
      fit(field)
      if (window.addEventListener) window.addEventListener('resize', function () { fit(field) })
      if (missing) missing.hidden = true
    } else if (token) {
      showMessage('malformed_token')
      if (missing) missing.hidden = true
    } else if (error) {
      showMessage(error)
      if (missing) missing.hidden = true
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  var copy = document.getElementById('copy')
  if (copy) {
    copy.addEventListener('click', function () {
      var field = document.getElementById(copy.getAttribute('data-target'))
      field.select()
      var done = function () { copy.textContent = 'Copied' }
      if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand('copy'); done() })
      else { document.execCommand('copy'); done() }
    })
  }
})()
