/*
 * The admin's react-query hooks and requests, one file per domain; every page
 * imports them from here.
 */
export * from "./keys"
export * from "./coupons"
export * from "./codes"
export * from "./settings"
export * from "./wallet"
export * from "./campaigns"
export * from "./medusa-records"
