import { findItem, itemById } from '../../core/checkup-items'
import type { StoredResult } from '../checkup-json'

const ITEM_SYSTEM = 'urn:oid:1.2.392.200119.6.1005'
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation'

interface Person {
  name: string | null
  sex: number | null
  birthDate?: string | null
}

/**
 * The member's checkups as a FHIR R4 Bundle following the JAMI checkup-report guide: Observation.code
 * in the MHLW item-code system (with LOINC for vital signs), UCUM units, H/L/N interpretation and the
 * file's reference range. Built from what is stored; grades are the portal's, not FHIR's.
 */
export function checkupBundle(
  person: Person,
  list: { examDate: string; institution: string | null; results: StoredResult[] }[],
  now: Date,
) {
  const patientId = 'patient-1'
  const entries: { fullUrl: string; resource: Record<string, unknown> }[] = [
    {
      fullUrl: `urn:uuid:${patientId}`,
      resource: {
        resourceType: 'Patient',
        id: patientId,
        name: person.name
          ? [
              {
                text: person.name,
                extension: [
                  {
                    url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation',
                    valueCode: 'SYL',
                  },
                ],
              },
            ]
          : [],
        gender: person.sex === 1 ? 'male' : person.sex === 2 ? 'female' : 'unknown',
      },
    },
  ]
  let n = 0
  for (const checkup of list) {
    for (const r of checkup.results) {
      const item = r.item ? itemById(r.item) : findItem(r.code)
      const coding: Record<string, string>[] = [
        { system: ITEM_SYSTEM, code: r.code, ...(item ? { display: item.nameJa } : {}) },
      ]
      if (item?.loinc) coding.push({ system: 'http://loinc.org', code: item.loinc })
      const obs: Record<string, unknown> = {
        resourceType: 'Observation',
        id: `obs-${++n}`,
        status: 'final',
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'laboratory',
              },
            ],
          },
        ],
        code: { coding },
        subject: { reference: `urn:uuid:${patientId}` },
        effectiveDateTime: checkup.examDate,
        ...(checkup.institution ? { performer: [{ display: checkup.institution }] } : {}),
      }
      if (r.type === 'PQ' && r.value !== undefined) {
        const ucum = item?.ucum || r.unit || ''
        obs.valueQuantity = {
          value: Number(r.value),
          unit: ucum,
          system: 'http://unitsofmeasure.org',
          code: ucum,
        }
      } else if ((r.type === 'CD' || r.type === 'CO') && r.answerCode) {
        obs.valueCodeableConcept = {
          coding: [
            {
              system: r.answerSystem ? `urn:oid:${r.answerSystem}` : ITEM_SYSTEM,
              code: r.answerCode,
            },
          ],
        }
      } else if (r.type === 'ST' && r.text) {
        obs.valueString = r.text
      } else if (r.type === 'not_performed') {
        obs.status = 'cancelled'
        obs.dataAbsentReason = {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
              code: 'not-performed',
            },
          ],
        }
      } else if (r.type === 'not_measurable') {
        obs.dataAbsentReason = {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'error' },
          ],
        }
      }
      const interp =
        r.interpretation ?? (r.bound === 'below' ? 'L' : r.bound === 'above' ? 'H' : undefined)
      if (interp && ['H', 'L', 'N'].includes(interp))
        obs.interpretation = [{ coding: [{ system: INTERPRETATION, code: interp }] }]
      if (r.low || r.high) {
        const unit = item?.ucum || r.unit || ''
        const q = (v: string) => ({
          value: Number(v),
          unit,
          system: 'http://unitsofmeasure.org',
          code: unit,
        })
        obs.referenceRange = [
          { ...(r.low ? { low: q(r.low) } : {}), ...(r.high ? { high: q(r.high) } : {}) },
        ]
      }
      entries.push({ fullUrl: `urn:uuid:${obs.id}`, resource: obs })
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: entries,
  }
}
