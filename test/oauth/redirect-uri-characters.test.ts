/**
 * Redirect URIs are RFC 3986 URIs: printable ASCII only, other characters percent-encoded, IDN hosts
 * in punycode. Anything else is refused at registration (page and CLI) with a message naming the
 * character; a URI stored before this rule gives an error page at authorization, never a 500
 * (a Location header cannot hold it).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { authorize, loggedInBrowser, makeUser } from '../helpers/flow.js'
import { readRows, runCli, tempDir } from '../helpers/cli.js'
import { ClientError, createClient } from '../../src/oauth/clients.js'
import { validateRedirectUri } from '../../src/oauth/redirect-uris.js'

const REFUSED: ReadonlyArray<[string, string, string]> = [
  ['a space', 'https://app.example/my callback', 'whitespace'],
  ['a tab', 'https://app.example/\tcb', 'whitespace'],
  ['a CR LF', 'https://app.example/cb\r\nSet-Cookie: a=b', 'whitespace'],
  ['a NUL', 'https://app.example/cb\u0000', 'U+0000'],
  ['a control character', 'myapp://cb\u0001', 'U+0001'],
  ['a DEL', 'https://app.example/cb\u007f', 'U+007F'],
  ['an accented letter in the path', 'https://app.example/café', 'U+00E9'],
  ['an IDN host', 'https://bücher.example/cb', 'punycode'],
  ['a character above U+FFFF', 'myapp://cb/\u{1F600}', 'U+1F600'],
  ['a lone surrogate', 'myapp://cb/\ud800', 'U+D800'],
  ['a no-break space', 'https://app.example/\u00a0cb', 'whitespace'],
  ['a backslash', 'https://app.example\\@evil.example/cb', 'U+005C'],
  ['a double quote', 'https://app.example/"cb', 'U+0022'],
  ['angle brackets', 'https://app.example/<cb>', 'U+003C'],
  ['a bad percent-escape', 'https://app.example/cb%zz', 'percent'],
  ['a truncated percent-escape', 'https://app.example/cb%4', 'percent'],
  ['2,001 characters', `https://app.example/${'a'.repeat(2001 - 'https://app.example/'.length)}`, '2000'],
]

const ACCEPTED = [
  'https://app.example/caf%C3%A9',
  'https://xn--bcher-kva.example/cb',
  'com.example.app:/oauth2redirect',
  "https://app.example/cb?a=1&b=%20x;c=(d)*e+f,g!h$i'j~k@l:m/n",
  'http://127.0.0.1:8080/cb',
  'http://[::1]/cb',
  `https://app.example/${'a'.repeat(2000 - 'https://app.example/'.length)}`,
]

describe('validateRedirectUri', () => {
  it.each(REFUSED)('refuses %s, naming the problem', (_label, uri, says) => {
    let message = ''
    try {
      validateRedirectUri(uri)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain(says)
    // The message quotes the URI escaped: it holds no control character and fits on one line.
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/)
  })

  it.each(ACCEPTED.map((u) => [u.length > 60 ? `${u.slice(0, 40)}… (${u.length} characters)` : u, u]))('accepts %s unchanged', (_label, uri) => {
    expect(validateRedirectUri(uri)).toBe(uri)
  })

  it('suggests the encoded form of a URI with non-ASCII characters', () => {
    expect(() => validateRedirectUri('https://bücher.example/café')).toThrow('https://xn--bcher-kva.example/caf%C3%A9')
  })
})

describe('registration', () => {
  let s: TestServer
  beforeEach(async () => {
    s = await testServer()
  })
  afterEach(async () => s.app.close())

  it('createClient refuses each such URI with a ClientError, and stores nothing', async () => {
    for (const [label, uri] of REFUSED) {
      await expect(createClient(s.app.kiroku.db, s.clock, { name: 'App', redirectUris: [uri] }), label).rejects.toBeInstanceOf(ClientError)
    }
    expect(await s.app.kiroku.db.selectFrom('oauth_clients').select('id').execute()).toHaveLength(0)
  })

  it('the developer page answers 400 with the message', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const page = await browser.get('/settings/developer')
    const res = await browser.post('/settings/developer/clients', { csrf_token: csrfToken(page.body), name: 'App', redirect_uris: 'https://app.example/café' })
    expect(res.statusCode).toBe(400)
    const alert = /<p class="error" role="alert">([^<]*)<\/p>/.exec(res.body)
    expect(decodeEntities(alert![1]!)).toBe(
      'Invalid redirect URI: redirect URI "https://app.example/café" contains the character U+00E9 at position 24; ' +
        'a redirect URI may hold only printable ASCII: percent-encode other characters and give IDN host names in punycode ' +
        '(here: https://app.example/caf%C3%A9).',
    )
  })
})

describe('kiroku client create', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
    vi.stubEnv('DATABASE_URL', undefined)
  })
  afterEach(() => {
    vi.unstubAllEnvs()
    tmp.remove()
  })

  it('refuses each such URI with a one-line error and exit code 1', async () => {
    const file = tmp.file('kiroku.db')
    for (const [label, uri, says] of REFUSED) {
      const run = await runCli(['client', 'create', '--database', file, '--name', 'X', '--redirect-uri', uri])
      expect(run.code, label).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(/^kiroku: [^\n\r]+\n$/)
      expect(run.err).toContain(says)
    }
    expect(readRows(file, 'SELECT id FROM oauth_clients')).toEqual([])
  })
})

describe('a URI stored before the rule', () => {
  let s: TestServer
  beforeEach(async () => {
    s = await testServer()
  })
  afterEach(async () => s.app.close())

  /** A client whose stored redirect URIs bypassed today's validation (an older Kiroku, or SQL by hand). */
  async function legacyClient(redirectUris: string[]): Promise<number> {
    const row = await s.app.kiroku.db
      .insertInto('oauth_clients')
      .values({ name: 'Old App', secret_hash: null, is_public: 0, redirect_uris: JSON.stringify(redirectUris), owner_user_id: null, created_at: s.clock() })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  for (const uri of ['https://app.example/café', 'https://app.example/cb\u0000', 'https://app.example/cb\r\nSet-Cookie: a=b']) {
    it(`${JSON.stringify(uri)}: an error page at authorization, with or without redirect_uri, logged in or not; never a redirect`, async () => {
      const id = await legacyClient([uri])
      const user = await makeUser(s.app)
      const browsers = [new Browser(s.app), await loggedInBrowser(s.app, user)]
      for (const browser of browsers) {
        for (const query of [`client_id=${id}&response_type=token`, `client_id=${id}&response_type=code&redirect_uri=${encodeURIComponent(uri)}`, `client_id=${id}&response_type=token&prompt=none`]) {
          const res = await browser.get(`/api/v2/oauth/authorize?${query}`)
          expect(res.statusCode, query).toBe(400)
          expect(res.headers.location).toBeUndefined()
          expect(res.body).toContain('is not a valid redirect URI')
        }
      }
    })
  }

  it('an approval remembered before does not redirect either', async () => {
    const id = await legacyClient(['https://app.example/ok', 'https://app.example/café'])
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    // Approved through the good URI; the bad one is still refused afterwards.
    const approved = await authorize(browser, { client_id: String(id), response_type: 'token', redirect_uri: 'https://app.example/ok' })
    expect(approved.headers.location).toMatch(/^https:\/\/app\.example\/ok#access_token=/)
    const res = await browser.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=token&redirect_uri=${encodeURIComponent('https://app.example/café')}`)
    expect(res.statusCode).toBe(400)
    expect(res.headers.location).toBeUndefined()
  })
})
