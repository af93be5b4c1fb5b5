/** Time as Unix seconds, injectable so that tests can move it (expiry, lifetimes) without sleeping. */
export type Clock = () => number

export const systemClock: Clock = () => Math.floor(Date.now() / 1000)
