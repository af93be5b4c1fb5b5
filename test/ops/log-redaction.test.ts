import { describe, expect, it } from 'vitest'
import { redactUrlSecrets } from '../../src/ops/log-redaction.js'

describe('request URLs in the log', () => {
  it('hide every secret query value and keep the rest', () => {
    expect(redactUrlSecrets('/api/v2/oauth/pin?code=abc123&state=xyz')).toBe('/api/v2/oauth/pin?code=[redacted]&state=xyz')
    expect(redactUrlSecrets('/activate?user_code=BDFG-HJKL')).toBe('/activate?user_code=[redacted]')
    expect(redactUrlSecrets('/x?a=1&access_token=t&refresh_token=r&client_secret=s&device_code=d&token=q')).toBe(
      '/x?a=1&access_token=[redacted]&refresh_token=[redacted]&client_secret=[redacted]&device_code=[redacted]&token=[redacted]',
    )
    expect(redactUrlSecrets('/api/v2/oauth/authorize?client_id=1&response_type=code&state=s')).toBe('/api/v2/oauth/authorize?client_id=1&response_type=code&state=s')
    // A parameter whose name merely ends in "code" is not mistaken for one.
    expect(redactUrlSecrets('/x?postcode=123')).toBe('/x?postcode=123')
  })

  it('leave malformed percent-encoding as it is, and still find the credentials beside it', () => {
    expect(redactUrlSecrets('/x?a=%E0%A4%A&code=abc&b=%')).toBe('/x?a=%E0%A4%A&code=[redacted]&b=%')
  })

  it('redact a value whole when it is nested deeper than they read, rather than let a credential through', () => {
    let next = '/activate?user_code=SECRETVALUE7'
    for (let i = 0; i < 20; i++) next = encodeURIComponent(next)
    const logged = redactUrlSecrets(`/login?next=${next}&state=s`)
    expect(logged).not.toMatch(/SECRETVALUE7/)
    expect(logged).toMatch(/&state=s$/)
  })
})

