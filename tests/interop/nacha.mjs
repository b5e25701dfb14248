// Writes, with nACH2 (glenselle/nACH, MIT), the NACHA file described by the JSON on standard input,
// so the tests can compare it with Facturo's own.
import nach from 'nach2'

const input = JSON.parse(await new Promise((resolve) => {
  let text = ''
  process.stdin.on('data', (chunk) => { text += chunk })
  process.stdin.on('end', () => resolve(text))
}))
const [y, m, d] = input.effectiveEntryDate.split('-').map(Number)

const file = new nach.File({
  immediateDestination: input.immediateDestination,
  immediateOrigin: input.immediateOrigin,
  immediateDestinationName: input.destinationName,
  immediateOriginName: input.originName,
  fileCreationDate: input.createdAt.slice(2, 4) + input.createdAt.slice(5, 7) + input.createdAt.slice(8, 10),
  fileCreationTime: input.createdAt.slice(11, 13) + input.createdAt.slice(14, 16),
  fileIdModifier: input.fileIdModifier,
  referenceCode: input.referenceCode,
  batchSequenceNumber: input.batchNumber
})
const batch = new nach.Batch({
  serviceClassCode: '225',
  companyName: input.companyName,
  standardEntryClassCode: 'CCD',
  companyIdentification: input.companyIdentification,
  companyEntryDescription: input.entryDescription,
  companyDescriptiveDate: input.descriptiveDate,
  effectiveEntryDate: new Date(y, m - 1, d, 12),
  originatingDFI: input.originatingDfi
})
for (const debit of input.debits) {
  batch.addEntry(new nach.Entry({
    receivingDFI: debit.routing.slice(0, 8),
    DFIAccount: debit.accountNumber,
    amount: debit.amount,
    idNumber: debit.identification,
    individualName: debit.receivingCompany,
    discretionaryData: '  ', // blank, as Facturo writes it; nACH2 refuses an empty value
    transactionCode: '27'
  }))
}
file.addBatch(batch)
// nACH2 puts CR LF between records; banks expect it after every record, the last one too.
file.generateFile((text) => process.stdout.write(text + '\r\n'))
