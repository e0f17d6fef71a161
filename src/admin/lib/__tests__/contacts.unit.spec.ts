import { parseContactLines } from "../contacts"

describe("parseContactLines", () => {
  it("reads channel, contact id, name and customer id, skipping a header and blank lines", () => {
    expect(
      parseContactLines("channel,contact_id,name,customer_id\nline,U4af4980629,Aiko\n\nFacebook, 1001 ,\"Ben, Jr.\",cus_01\r\n")
    ).toEqual({
      contacts: [
        { channel: "line", contact_id: "U4af4980629", name: "Aiko" },
        { channel: "facebook", contact_id: "1001", name: "Ben, Jr.", customer_id: "cus_01" },
      ],
      errors: [],
    })
  })

  it("accepts tab-separated lines pasted from a spreadsheet and quoted quotes", () => {
    expect(parseContactLines('sms\t+15550100\tZoë "Z"')).toEqual({
      contacts: [{ channel: "sms", contact_id: "+15550100", name: 'Zoë "Z"' }],
      errors: [],
    })
    expect(parseContactLines('line,U1,"say ""hi"""').contacts).toEqual([{ channel: "line", contact_id: "U1", name: 'say "hi"' }])
  })

  it("reports lines without a contact id by number", () => {
    expect(parseContactLines("line,U1\nline\n,U3")).toEqual({
      contacts: [{ channel: "line", contact_id: "U1" }],
      errors: [
        "Line 2: give a channel and a contact id (e.g. line,U4af4980629,Aiko).",
        "Line 3: give a channel and a contact id (e.g. line,U4af4980629,Aiko).",
      ],
    })
  })
})
