// Follows a browser's redirects by hand, keeping the cookies set on the way, until a Location that
// `done` accepts (the client's redirect URI, which is never fetched). Used once per server, to log in.

export function cookieJar() {
  const cookies = new Map()
  return {
    take(res) {
      for (const line of res.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';')
        const eq = pair.indexOf('=')
        const name = pair.slice(0, eq).trim()
        const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a))
        if (expired) cookies.delete(name)
        else cookies.set(name, pair.slice(eq + 1).trim())
      }
    },
    header: () => [...cookies].map(([n, v]) => `${n}=${v}`).join('; '),
    get: (name) => cookies.get(name),
  }
}

export async function followWithCookies(origin, path, done, jar = cookieJar(), maxHops = 10) {
  let url = new URL(path, origin).href
  for (let hop = 0; hop < maxHops; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(res)
    await res.arrayBuffer()
    const location = res.headers.get('location')
    if (!location) throw new Error(`GET ${url}: HTTP ${res.status} without a redirect`)
    const next = new URL(location, url).href
    if (done(next)) return { location: next, cookieHeader: jar.header(), jar }
    url = next
  }
  throw new Error(`more than ${maxHops} redirects from ${path}`)
}
