// Copy buttons: a <button class="copy-button" data-copy-target="ID" hidden> copies the text of the
// element with that id (its value for an input or textarea). The button is hidden in the page and
// shown here, so that without JavaScript no dead button is offered; the text stays selectable.
;(function () {
  'use strict'
  var buttons = document.querySelectorAll('button.copy-button[data-copy-target]')
  Array.prototype.forEach.call(buttons, function (button) {
    var target = document.getElementById(button.getAttribute('data-copy-target'))
    if (!target || !navigator.clipboard) return
    var label = button.textContent
    var status = document.getElementById(button.getAttribute('data-copy-status') || '')
    button.hidden = false
    button.addEventListener('click', function () {
      var text = 'value' in target ? target.value : target.textContent
      navigator.clipboard.writeText(text).then(
        function () {
          button.textContent = 'Copied'
          if (status) status.textContent = 'Copied to the clipboard.'
          setTimeout(function () { button.textContent = label }, 2000)
        },
        function () {
          if (status) status.textContent = 'Copying failed: select the text and copy it yourself.'
        },
      )
    })
  })
})()
