// Starts GraphiQL (loaded before this file from /graphiql/assets/) on #graphiql. For a logged-in user
// it asks the server for a short-lived access token (POST /graphiql/token with the session's CSRF
// token) and sends it as `Authorization: Bearer` with every query; the token stays in this closure:
// never in a URL, the page or storage. A visitor's queries go without one.
;(function () {
  'use strict'
  var root = document.getElementById('graphiql')
  if (!root || typeof GraphiQL === 'undefined' || typeof React === 'undefined' || typeof ReactDOM === 'undefined') return
  // GraphiQL's dialogs add <style> elements; they carry this nonce so the page's CSP lets them apply.
  window.__webpack_nonce__ = document.currentScript ? document.currentScript.nonce : ''

  var endpoint = root.getAttribute('data-endpoint')
  var tokenUrl = root.getAttribute('data-token-url')
  var csrf = root.getAttribute('data-csrf')
  var token = null
  var expiresAt = 0

  function fetchToken() {
    return fetch(tokenUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrf_token=' + encodeURIComponent(csrf),
    }).then(function (response) {
      if (!response.ok) throw new Error('Kiroku refused an explorer token (HTTP ' + response.status + '): reload the page or log in again.')
      return response.json()
    }).then(function (issued) {
      token = issued.accessToken
      expiresAt = issued.expiresAt
      return token
    })
  }

  // A token with less than a minute left is replaced before it is used.
  function currentToken() {
    if (token && Date.now() / 1000 < expiresAt - 60) return Promise.resolve(token)
    return fetchToken()
  }

  function send(url, init, bearer) {
    var headers = Object.assign({}, init && init.headers)
    if (bearer) headers.Authorization = 'Bearer ' + bearer
    return fetch(url, Object.assign({}, init, { headers: headers, credentials: 'omit' }))
  }

  function authorizedFetch(url, init) {
    if (!tokenUrl) return send(url, init, null)
    return currentToken().then(function (bearer) {
      return send(url, init, bearer).then(function (response) {
        // Revoked in Connected apps, or expired while the tab slept: one new token, one more try.
        if (response.status !== 401) return response
        token = null
        return fetchToken().then(function (fresh) {
          return send(url, init, fresh)
        })
      })
    })
  }

  // CodeMirror's input textareas come without a name for screen readers: each gets the editor's.
  function labelEditors() {
    var named = [
      ['.graphiql-query-editor textarea', 'Query editor'],
      ['.graphiql-editor-tool > .graphiql-editor:nth-child(1) textarea', 'Variables editor'],
      ['.graphiql-editor-tool > .graphiql-editor:nth-child(2) textarea', 'Headers editor'],
      ['.result-window textarea', 'Result'],
    ]
    named.forEach(function (pair) {
      root.querySelectorAll(pair[0]).forEach(function (area) {
        if (!area.hasAttribute('aria-label')) area.setAttribute('aria-label', pair[1])
      })
    })
    root.querySelectorAll('textarea:not([aria-label])').forEach(function (area) {
      area.setAttribute('aria-label', 'Editor')
    })
  }
  new MutationObserver(labelEditors).observe(root, { childList: true, subtree: true })

  var fetcher = GraphiQL.createFetcher({ url: endpoint, fetch: authorizedFetch })
  root.textContent = ''
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: root.getAttribute('data-default-query'),
    }),
  )
})()
