/**
 * grant_type=urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4): the device polls until
 * the user answers at /activate. Answers: authorization_pending, slow_down (polling faster than the
 * interval), expired_token, access_denied, or the tokens, once.
 */
import type { AppContext } from '../../app/app-context.js'
import type { ParamSource } from '../../web/params.js'
import { oauthParam } from '../params.js'
import type { Client } from '../clients.js'
import { consumeDeviceAuthorization, findByDeviceCode, recordPoll } from '../device-codes.js'
import { AuthorizationPending, DeviceAccessDenied, ExpiredToken, InvalidGrant, InvalidRequest, SlowDown } from '../errors.js'
import { CLAIM_TAKEN, issueTokenPair, type TokenResponse } from './issue.js'

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

export async function deviceCodeGrant(ctx: AppContext, client: Client, body: ParamSource): Promise<TokenResponse> {
  const value = oauthParam(body, 'device_code')
  if (!value) throw new InvalidRequest('The device_code parameter is missing.')
  const device = await findByDeviceCode(ctx.db, value)
  if (!device || device.clientId !== client.id) throw new InvalidGrant('The device_code is invalid, or was issued to another client.')
  if (device.status === 'used') throw new InvalidGrant('The device_code has already been exchanged for tokens.')
  if (device.expiresAt <= ctx.clock()) throw new ExpiredToken('The device_code has expired; start again with a new device authorization request.')
  if (device.status === 'denied') throw new DeviceAccessDenied('The user denied the request.')
  if (device.status === 'pending') {
    const { tooFast } = await recordPoll(ctx.db, ctx.clock, device)
    if (tooFast) throw new SlowDown(`Polling too fast: wait at least ${device.intervalSeconds + 5} seconds between requests.`)
    throw new AuthorizationPending('The user has not answered yet; poll again after the interval.')
  }
  if (device.userId === null) throw new InvalidGrant('The device_code has already been exchanged for tokens.')
  // Marking the device code exchanged and writing its tokens are one transaction.
  const response = await issueTokenPair(ctx, { clientId: client.id, userId: device.userId, grantType: 'device_code' }, (trx) => consumeDeviceAuthorization(trx, device.id))
  if (response === CLAIM_TAKEN) throw new InvalidGrant('The device_code has already been exchanged for tokens.')
  return response
}
