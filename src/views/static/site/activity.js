// The activity page's Like / Unlike without a reload: the same form, sent with fetch and answered
// with JSON ({ liked, likes }); the button and its count update in place and the change is announced.
// Any failure falls back to the plain form post, whose answer page says what went wrong.
(function () {
  'use strict'
  var status = document.getElementById('activity-status')
  function announce(text) {
    if (!status) return
    status.textContent = ''
    window.setTimeout(function () { status.textContent = text }, 50)
  }
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('like-form') || typeof window.fetch !== 'function') return
    event.preventDefault()
    var button = form.querySelector('button')
    var wanted = form.querySelector('input[name="like"]')
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
      if (wanted) wanted.value = answer.liked ? '0' : '1'
      if (button) {
        button.disabled = false
        button.setAttribute('aria-pressed', answer.liked ? 'true' : 'false')
        button.classList.toggle('secondary', !answer.liked)
        var count = button.querySelector('.like-count')
        if (count) count.textContent = String(answer.likes)
      }
      var card = form.closest('.activity-page')
      if (!form.querySelector('input[name="reply"]') && card) {
        var shown = card.querySelector('.activity-card .like-count')
        if (shown) shown.textContent = String(answer.likes)
      }
      announce((answer.liked ? 'Liked. ' : 'Like taken back. ') + answer.likes + (answer.likes === 1 ? ' like.' : ' likes.'))
    }).catch(function () {
      if (button) button.disabled = false
      form.submit()
    })
  })
})()
