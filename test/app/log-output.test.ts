/** The log format serve picks (terminal or not, LOG_FORMAT), and what each format writes. */
import { describe, expect, it } from 'vitest'
import { chooseLogFormat, jsonLogStream, prettyLogStream } from '../../src/app/log-output.js'
import { ConfigError, loadConfig } from '../../src/app/config.js'

describe('chooseLogFormat', () => {
  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT names one', () => {
    expect(chooseLogFormat('auto', true)).toBe('pretty')
    expect(chooseLogFormat('auto', false)).toBe('json')
    expect(chooseLogFormat('json', true)).toBe('json')
    expect(chooseLogFormat('json', false)).toBe('json')
    expect(chooseLogFormat('pretty', false)).toBe('pretty')
    expect(chooseLogFormat('pretty', true)).toBe('pretty')
  })

  it('reads LOG_FORMAT from the environment: auto by default, any case, refusing anything else', () => {
    expect(loadConfig({}, {}).logFormat).toBe('auto')
    expect(loadConfig({}, { LOG_FORMAT: '' }).logFormat).toBe('auto')
    expect(loadConfig({}, { LOG_FORMAT: 'JSON' }).logFormat).toBe('json')
    expect(loadConfig({}, { LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty')
    expect(() => loadConfig({}, { LOG_FORMAT: 'yaml' })).toThrow(ConfigError)
    expect(() => loadConfig({}, { LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT "yaml": expected auto, json or pretty/)
  })
})

const RECORD = JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 2, 3, 4, 5), pid: 42, hostname: 'box', reqId: 'req-1', responseTime: 2.5, msg: 'GET /graphiql 200 3 ms' }) + '\n'

describe('the log streams', () => {
  it('pretty: one readable line with the level and message, no JSON, no pid or host', async () => {
    let written = ''
    const stream = await prettyLogStream((text) => void (written += text), false)
    stream.write(RECORD)
    expect(written).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/graphiql 200 3 ms\n$/)
    expect(written).not.toContain('box')
    expect(written).not.toContain('req-1')
  })

  it('pretty: colours only when asked (a terminal)', async () => {
    let plain = ''
    let coloured = ''
    const plainStream = await prettyLogStream((text) => void (plain += text), false)
    const colouredStream = await prettyLogStream((text) => void (coloured += text), true)
    plainStream.write(RECORD)
    colouredStream.write(RECORD)
    expect(plain).not.toContain('\x1b[')
    expect(coloured).toContain('\x1b[')
  })

  it('json: the record as pino wrote it', () => {
    let written = ''
    jsonLogStream((text) => void (written += text)).write(RECORD)
    expect(written).toBe(RECORD)
  })
})
