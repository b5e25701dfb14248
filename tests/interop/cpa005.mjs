// Writes, with @cityssm/eft-generator (City of Sault Ste. Marie, MIT), the CPA-005 file described by
// the JSON on standard input, so the tests can compare it with Facturo's own.
import { EFTGenerator } from '@cityssm/eft-generator'

const input = JSON.parse(await new Promise((resolve) => {
  let text = ''
  process.stdin.on('data', (chunk) => { text += chunk })
  process.stdin.on('end', () => resolve(text))
}))
const day = (iso) => { const [y, m, d] = iso.split('-').map(Number); return new Date(y, m - 1, d, 12) }

const generator = new EFTGenerator({ ...input.config, fileCreationDate: day(input.config.fileCreationDate) })
for (const transaction of input.transactions) {
  generator.addTransaction({
    recordType: 'D',
    segments: transaction.map((s) => ({ ...s, paymentDate: day(s.paymentDate) }))
  })
}
// eft-generator puts CR LF between records; banks expect it after every record, the last one too.
process.stdout.write(generator.toCPA005() + '\r\n')
