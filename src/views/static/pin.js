// The PIN page: shows the access token that the implicit grant put in the URL fragment, and copies it.
// The fragment never reaches the server; this script reads it locally, sends it nowhere, and then
// removes it from the address bar and history so that it does not linger there.
;(function () {
  'use strict'
  var box = document.getElementById('token-box')
  if (box && window.location.hash.length > 1) {
    var params = new URLSearchParams(window.location.hash.slice(1))
    var token = params.get('access_token')
    var error = params.get('error')
    var missing = document.getElementById('token-missing')
    if (token) {
      document.getElementById('pin-value').value = token
      var seconds = Number(params.get('expires_in'))
      if (seconds > 0) {
        var days = Math.round(seconds / 86400)
        document.getElementById('expires-in').textContent = days >= 1 ? days + ' days' : seconds + ' seconds'
      }
      box.hidden = false
      if (missing) missing.hidden = true
    } else if (error) {
      var shown = document.getElementById('token-error')
      shown.textContent = 'No token was issued: ' + (params.get('error_description') || error) + '.'
      shown.hidden = false
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
