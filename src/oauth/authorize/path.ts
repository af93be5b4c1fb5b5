/** Where the authorization endpoint answers (GET: the link apps send users to; POST: the approval form). */
export const AUTHORIZE_PATH = '/api/v2/oauth/authorize'
