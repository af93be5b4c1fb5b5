// The activity page's Like / Unlike and reply form without a reload: the same forms, sent with fetch
// and answered with JSON ({ liked, likes }, or { id, replies, html } for a reply: its list item as the
// page renders it); the page updates in place and the change is announced. A refused reply's words
// ({ error }) are shown beside the form; any other failure falls back to the plain form post.
(function () {
  'use strict'
  var status = document.getElementById('activity-status')
  function announce(text) {
    if (!status) return
    status.textContent = ''
    window.setTimeout(function () { status.textContent = text }, 50)
  }
  function post(form) {
    return window.fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
      credentials: 'same-origin',
    })
  }
  function showError(form, text) {
    var area = form.querySelector('textarea')
    var error = document.getElementById('reply-text-error')
    if (!error) {
      error = document.createElement('p')
      error.className = 'field-error'
      error.id = 'reply-text-error'
      area.insertAdjacentElement('afterend', error)
    }
    error.textContent = text
    if (text) {
      area.setAttribute('aria-invalid', 'true')
      area.setAttribute('aria-describedby', 'reply-text-error')
    } else {
      area.removeAttribute('aria-invalid')
      area.removeAttribute('aria-describedby')
      error.remove()
    }
  }
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('reply-form') || typeof window.fetch !== 'function') return
    event.preventDefault()
    var button = form.querySelector('button')
    if (button) button.disabled = true
    post(form).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok && typeof answer.error !== 'string') throw new Error('HTTP ' + response.status)
        return answer
      })
    }).then(function (answer) {
      if (button) button.disabled = false
      if (typeof answer.error === 'string') {
        showError(form, answer.error)
        announce('Not posted: ' + answer.error)
        return
      }
      showError(form, '')
      var list = document.querySelector('.reply-list')
      if (list) list.insertAdjacentHTML('beforeend', answer.html)
      var count = document.querySelector('#replies-heading .reply-count')
      if (count) count.textContent = String(answer.replies)
      var noun = document.querySelector('#replies-heading .reply-noun')
      if (noun) noun.textContent = answer.replies === 1 ? 'reply' : 'replies'
      var shown = document.querySelector('.activity-card .reply-count')
      if (shown) shown.textContent = String(answer.replies)
      form.querySelector('textarea').value = ''
      announce('Reply posted. ' + answer.replies + (answer.replies === 1 ? ' reply.' : ' replies.'))
    }).catch(function () {
      if (button) button.disabled = false
      form.submit()
    })
  })
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('like-form') || typeof window.fetch !== 'function') return
    event.preventDefault()
    var button = form.querySelector('button')
    var wanted = form.querySelector('input[name="like"]')
    if (button) button.disabled = true
    post(form).then(function (response) {
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
