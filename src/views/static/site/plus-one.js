// The home page's +1 without a reload: the same form, sent with fetch and answered with JSON
// ({ progress, status }); the card updates in place and the change is announced. Any failure falls
// back to the plain form post, whose answer page says what went wrong.
(function () {
  'use strict'
  var status = document.getElementById('plus-one-status')
  function announce(text) {
    if (!status) return
    status.textContent = ''
    // A fresh text node is read even when the same words repeat.
    window.setTimeout(function () { status.textContent = text }, 50)
  }
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('plus-one')) return
    var card = form.closest('.progress-card')
    if (!card || typeof window.fetch !== 'function') return
    event.preventDefault()
    var button = form.querySelector('button')
    if (button) button.disabled = true
    window.fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
      credentials: 'same-origin',
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status)
      return response.json()
    }).then(function (answer) {
      var value = card.querySelector('.progress-value')
      if (value) value.textContent = String(answer.progress)
      var total = card.getAttribute('data-total')
      var title = card.getAttribute('data-title') || ''
      var unit = card.getAttribute('data-unit') || 'episode'
      var of = total ? ' of ' + total : ''
      if (answer.status === 'COMPLETED') {
        card.classList.add('completed')
        var done = document.createElement('span')
        done.className = 'chip done'
        done.textContent = 'Completed'
        form.replaceWith(done)
        announce(title + ': ' + unit + ' ' + answer.progress + of + '. Completed.')
      } else {
        if (button) button.disabled = false
        announce(title + ': ' + unit + ' ' + answer.progress + of + '.')
      }
    }).catch(function () {
      if (button) button.disabled = false
      form.submit()
    })
  })
})()
