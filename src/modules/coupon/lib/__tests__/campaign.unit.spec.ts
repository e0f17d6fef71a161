import {
  campaignFunnel,
  campaignPeriodError,
  campaignRedemptionError,
  campaignRedemptionRefusal,
  CONTACT_CHANNEL,
  contactCodeExpiry,
  contactLinkDecision,
  campaignValidityStart,
  couponOfferText,
  couponPageUrl,
  isLinkPreviewFetch,
  HEX_COLOR,
  sendingPeriodError,
} from "../campaign"

const at = (iso: string) => new Date(iso)

describe("campaignPeriodError", () => {
  it("needs the period to end after it starts", () => {
    expect(campaignPeriodError({ send_starts_at: "2026-05-01T00:00:00Z", send_ends_at: "2026-05-02T00:00:00Z" })).toBeNull()
    expect(campaignPeriodError({ send_starts_at: "2026-05-01T00:00:00Z", send_ends_at: "2026-05-01T00:00:00Z" })).toBe(
      "send_ends_at must be after send_starts_at"
    )
    expect(campaignPeriodError({ send_starts_at: "2026-05-02T00:00:00Z", send_ends_at: "2026-05-01T00:00:00Z" })).toBe(
      "send_ends_at must be after send_starts_at"
    )
  })
})

describe("sendingPeriodError", () => {
  const campaign = { name: "Spring", send_starts_at: "2026-05-01T00:00:00.000Z", send_ends_at: "2026-05-31T00:00:00.000Z" }

  it("allows sending from the first instant up to, not including, the end", () => {
    expect(sendingPeriodError(campaign, at("2026-05-01T00:00:00.000Z"))).toBeNull()
    expect(sendingPeriodError(campaign, at("2026-05-30T23:59:59.999Z"))).toBeNull()
  })

  it("says when the period starts or ended", () => {
    expect(sendingPeriodError(campaign, at("2026-04-30T23:59:59.999Z"))).toBe(
      'Campaign "Spring" cannot be sent before its sending period starts on 2026-05-01T00:00:00.000Z; nothing was sent.'
    )
    expect(sendingPeriodError(campaign, at("2026-05-31T00:00:00.000Z"))).toBe(
      'Campaign "Spring" cannot be sent: its sending period ended on 2026-05-31T00:00:00.000Z; nothing was sent.'
    )
  })
})

describe("campaignValidityStart", () => {
  it("counts from the sending or from the redemption", () => {
    const sent = "2026-05-01T10:00:00.000Z"
    const redeemed = at("2026-05-04T12:30:00.000Z")
    expect(campaignValidityStart("from_sending", sent, redeemed).toISOString()).toBe(sent)
    expect(campaignValidityStart("from_redemption", sent, redeemed)).toBe(redeemed)
  })
})

describe("campaignRedemptionError", () => {
  const now = at("2026-05-10T00:00:00Z")
  const active = { is_active: true, ends_at: null }

  it("refuses an ended coupon first, then a paused one, then the per-contact limit", () => {
    expect(
      campaignRedemptionError({
        coupon: { is_active: false, ends_at: "2026-05-10T00:00:00Z" },
        per_contact_limit: 1,
        redeemed_by_contact: 1,
        now,
      })
    ).toBe("This coupon ended on 2026-05-10 and can no longer be redeemed.")
    expect(campaignRedemptionError({ coupon: { is_active: false, ends_at: null }, per_contact_limit: 1, redeemed_by_contact: 1, now })).toBe(
      "This coupon is paused and cannot be redeemed right now."
    )
    expect(campaignRedemptionError({ coupon: active, per_contact_limit: 1, redeemed_by_contact: 1, now })).toBe(
      "You have already redeemed this campaign's coupon once, the most it allows per person."
    )
    expect(campaignRedemptionError({ coupon: active, per_contact_limit: 3, redeemed_by_contact: 3, now })).toBe(
      "You have already redeemed this campaign's coupon 3 times, the most it allows per person."
    )
  })

  it("allows a redemption under the limit of a coupon that has not ended", () => {
    expect(campaignRedemptionError({ coupon: active, per_contact_limit: 2, redeemed_by_contact: 1, now })).toBeNull()
    expect(
      campaignRedemptionError({ coupon: { is_active: true, ends_at: "2026-05-10T00:00:00.001Z" }, per_contact_limit: 1, redeemed_by_contact: 0, now })
    ).toBeNull()
  })
})

describe("campaignFunnel", () => {
  it("counts each step as reached by that status or a later one", () => {
    expect(campaignFunnel({ sent: 5, opened: 4, redeemed: 2, verified: 1 })).toEqual({ sent: 12, opened: 7, redeemed: 3, verified: 1 })
    expect(campaignFunnel({ verified: 2 })).toEqual({ sent: 2, opened: 2, redeemed: 2, verified: 2 })
    expect(campaignFunnel({})).toEqual({ sent: 0, opened: 0, redeemed: 0, verified: 0 })
  })
})

describe("couponOfferText", () => {
  it.each([
    [{ type: "fixed", amount: 25, currency_code: "usd" }, "25.00 USD off"],
    [{ type: "fixed", amount: "1000", currency_code: "jpy", min_spend: 5000 }, "1000 JPY off on orders of 5000 JPY or more"],
    [{ type: "percentage", percentage: 10, max_discount: 20, min_spend: 50, currency_code: "usd" }, "10% off (up to 20.00 USD) on orders of 50.00 USD or more"],
    [{ type: "percentage", percentage: 12.5, currency_code: null }, "12.5% off"],
  ] as const)("%j → %s", (coupon, text) => {
    expect(couponOfferText(coupon as any)).toBe(text)
  })
})

describe("couponPageUrl and HEX_COLOR", () => {
  it("builds the page link on the server's origin", () => {
    expect(couponPageUrl("https://shop.example.com/", "abc_-9")).toBe("https://shop.example.com/coupon-pages/abc_-9")
  })

  it("accepts #rrggbb only", () => {
    expect(["#ffffff", "#A1b2C3"].every((c) => HEX_COLOR.test(c))).toBe(true)
    expect(["fff", "#fff", "#ffffff0", "red", "#gggggg", " #ffffff"].some((c) => HEX_COLOR.test(c))).toBe(false)
  })
})

describe("isLinkPreviewFetch", () => {
  it.each([
    "WhatsApp/2.23.20.0 A",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Twitterbot/1.0",
    "",
    undefined,
  ])("treats %p as a link preview, not an open", (agent) => {
    expect(isLinkPreviewFetch(agent)).toBe(true)
  })

  it.each([
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Line/13.20.0",
    "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36 [FBAN/EMA;FBLC/en_US;FBAV/380.0]",
    // A scripted browser (the dashboard's e2e shopper) opens the page like a person.
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
  ])("treats the browser %p as a shopper opening the page", (agent) => {
    expect(isLinkPreviewFetch(agent)).toBe(false)
  })
})

describe("campaignRedemptionRefusal", () => {
  const now = at("2026-05-10T00:00:00Z")
  it("gives each refusal its code", () => {
    const active = { is_active: true, ends_at: null }
    expect(campaignRedemptionRefusal({ coupon: { is_active: true, ends_at: "2026-05-09T00:00:00Z" }, per_contact_limit: 1, redeemed_by_contact: 0, now })?.code).toBe("coupon_expired")
    expect(campaignRedemptionRefusal({ coupon: { is_active: false, ends_at: null }, per_contact_limit: 1, redeemed_by_contact: 0, now })?.code).toBe("coupon_inactive")
    expect(campaignRedemptionRefusal({ coupon: active, per_contact_limit: 1, redeemed_by_contact: 1, now })).toEqual({
      code: "customer_limit_reached",
      message: "You have already redeemed this campaign's coupon once, the most it allows per person.",
    })
    expect(campaignRedemptionRefusal({ coupon: active, per_contact_limit: 2, redeemed_by_contact: 1, now })).toBeNull()
  })
})

describe("contactLinkDecision", () => {
  it("gives a contact's unredeemed link again", () => {
    expect(contactLinkDecision([{ id: "b", status: "redeemed" }, { id: "a", status: "opened" }], 1)).toEqual({ kind: "reuse", id: "a" })
    expect(contactLinkDecision([{ id: "a", status: "sent" }], 1)).toEqual({ kind: "reuse", id: "a" })
  })

  it("makes a new link for a new contact, or once all are redeemed while under the limit", () => {
    expect(contactLinkDecision([], 1)).toEqual({ kind: "create" })
    expect(contactLinkDecision([{ id: "a", status: "verified" }], 2)).toEqual({ kind: "create" })
  })

  it("at the limit, returns the newest link as it is", () => {
    expect(contactLinkDecision([{ id: "b", status: "redeemed" }, { id: "a", status: "verified" }], 2)).toEqual({ kind: "limit_reached", id: "b" })
  })
})

describe("CONTACT_CHANNEL", () => {
  it("takes 1 to 32 lowercase letters, digits, _ and -", () => {
    for (const ok of ["line", "facebook", "whatsapp", "sms", "e-mail", "tg_2", "x".repeat(32)]) expect(CONTACT_CHANNEL.test(ok)).toBe(true)
    for (const bad of ["", "LINE", "li ne", "line✓", "a.b", "x".repeat(33), "line\n"]) expect(CONTACT_CHANNEL.test(bad)).toBe(false)
  })
})

describe("contactCodeExpiry", () => {
  const recipient = { sent_at: "2026-05-01T00:00:00Z", redeemed_at: "2026-05-04T00:00:00Z" }
  it("counts the campaign's days from the sending or the redemption, never past the coupon's end", () => {
    expect(contactCodeExpiry(recipient, { expiry_mode: "from_sending", expiry_days: 10 }, null)).toEqual(at("2026-05-11T00:00:00Z"))
    expect(contactCodeExpiry(recipient, { expiry_mode: "from_redemption", expiry_days: 10 }, null)).toEqual(at("2026-05-14T00:00:00Z"))
    expect(contactCodeExpiry(recipient, { expiry_mode: "from_redemption", expiry_days: 10 }, "2026-05-12T00:00:00Z")).toEqual(
      at("2026-05-12T00:00:00Z")
    )
  })
})
