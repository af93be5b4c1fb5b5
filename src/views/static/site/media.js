// Media, character and staff pages: a spoiler inside a description (AniList's ~!…!~) is blurred
// until it is clicked, or focused and Enter/Space pressed. Without this script it shows on hover.
for (const spoiler of document.querySelectorAll('.description .markdown_spoiler')) {
  spoiler.setAttribute('tabindex', '0')
  spoiler.setAttribute('role', 'button')
  spoiler.setAttribute('aria-label', 'Spoiler: activate to show')
  const reveal = () => {
    spoiler.classList.add('revealed')
    spoiler.removeAttribute('role')
    spoiler.removeAttribute('aria-label')
    spoiler.removeAttribute('tabindex')
  }
  spoiler.addEventListener('click', reveal)
  spoiler.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      reveal()
    }
  })
}
