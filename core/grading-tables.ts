/**
 * The grading tables as data (docs/data-formats.md, "Grading A < B < C < D"). A table is versioned and
 * dated because a result keeps the grade, the reference range and the version it was given: when
 * the society publishes a new edition, a new entry is appended here and older checkups still read
 * as they did. Rows the sources disagree on carry `verify: true`, so an operator can find them and
 * the screen can say so; correcting one is a change of data, not of code.
 */
import type { Label } from './checkup-items.ts'

export type Grade = 'A' | 'B' | 'C' | 'D'

/** 性別 as the roster and the XML record it: 1 male, 2 female. */
export type Sex = 1 | 2

/**
 * One cell of the table, or one side of an "or" cell. Numeric bands hold values from min to max,
 * both included, at the rule's precision (a missing end is open); coded bands list answer codes.
 * A band with a sex applies to that sex only.
 */
export type GradeBand = {
  grade: Grade
  sex?: Sex
  min?: number
  max?: number
  answers?: readonly string[]
  verify?: true
}

export type GradingRule = {
  /** The table's precision: a value is rounded half up to it before it is compared. */
  decimals: number
  /** Ordered A to D; bands of one rule (per sex) neither overlap nor leave gaps. */
  bands: readonly GradeBand[]
}

/** How a value meets an MHLW threshold: ≥ value, ≤ value, or < value. */
export type ThresholdDirection = 'atOrAbove' | 'atOrBelow' | 'below'

export type Threshold = { value: number; direction: ThresholdDirection; verify?: true }

/** 保健指導判定値 (guidance) and 受診勧奨判定値 (referral) of one item, for one sex or both. */
export type MhlwThresholds = { sex?: Sex; guidance: Threshold; referral: Threshold }

export type GradingTable = {
  version: string
  /** First exam date (YYYY-MM-DD) the table applies to. */
  effectiveFrom: string
  source: string
  /** Keyed by item id (checkup-items.ts). An item without a rule is shown but not graded. */
  rules: Readonly<Record<string, GradingRule>>
  mhlw: { edition: string; thresholds: Readonly<Record<string, readonly MhlwThresholds[]>> }
  /** What a C or a D means for an item, in plain words; items without one use the generic text. */
  meanings: Readonly<Record<string, Partial<Record<'C' | 'D', Label>>>>
}

const atOrAbove = (value: number): Threshold => ({ value, direction: 'atOrAbove' })
const atOrBelow = (value: number): Threshold => ({ value, direction: 'atOrBelow' })
const below = (value: number): Threshold => ({ value, direction: 'below' })

/**
 * The MHLW thresholds of the 4th period of specific health checkups (2024–2029). HDL's referral
 * value is flagged: the spec marks it (verify); 34 mg/dl or less (< 35) is the programme's figure.
 */
const MHLW_4TH: GradingTable['mhlw'] = {
  edition: '特定健康診査 第4期 (2024–2029)',
  thresholds: {
    sbp: [{ guidance: atOrAbove(130), referral: atOrAbove(140) }],
    dbp: [{ guidance: atOrAbove(85), referral: atOrAbove(90) }],
    tgFasting: [{ guidance: atOrAbove(150), referral: atOrAbove(300) }],
    tgRandom: [{ guidance: atOrAbove(175), referral: atOrAbove(300) }],
    hdl: [{ guidance: below(40), referral: { ...below(35), verify: true } }],
    ldl: [{ guidance: atOrAbove(120), referral: atOrAbove(140) }],
    nonHdl: [{ guidance: atOrAbove(150), referral: atOrAbove(170) }],
    glucoseFasting: [{ guidance: atOrAbove(100), referral: atOrAbove(126) }],
    glucoseRandom: [{ guidance: atOrAbove(100), referral: atOrAbove(126) }],
    hba1c: [{ guidance: atOrAbove(5.6), referral: atOrAbove(6.5) }],
    ast: [{ guidance: atOrAbove(31), referral: atOrAbove(51) }],
    alt: [{ guidance: atOrAbove(31), referral: atOrAbove(51) }],
    ggt: [{ guidance: atOrAbove(51), referral: atOrAbove(101) }],
    egfr: [{ guidance: below(60), referral: below(45) }],
    hb: [
      { sex: 1, guidance: atOrBelow(13.0), referral: atOrBelow(12.0) },
      { sex: 2, guidance: atOrBelow(12.0), referral: atOrBelow(11.0) },
    ],
  },
}

/**
 * Item-specific plain words for C and D: short, calm, and saying what to do next. The generic
 * texts (i18n `grade.meaning.C` / `.D`) cover items not listed.
 */
const MEANINGS_2026: GradingTable['meanings'] = {
  bmi: {
    C: {
      ja: 'BMIが基準範囲(18.5〜24.9)を外れています。食事と運動のバランスを見直しましょう。',
      en: 'Your BMI is outside the reference range (18.5–24.9). Review your diet and activity.',
    },
  },
  waist: {
    C: {
      ja: '腹囲が基準を上回っています。食事と運動の見直しで内臓脂肪を減らしましょう。',
      en: 'Your waist is above the reference. Diet and exercise can reduce visceral fat.',
    },
  },
  sbp: {
    C: {
      ja: '血圧がやや高めです。減塩と適度な運動をおすすめします。家庭でも測ってみましょう。',
      en: 'Your blood pressure is a little high. Less salt and exercise help; measure it at home.',
    },
    D: {
      ja: '血圧が高めです。医療機関の受診をおすすめします。',
      en: 'Your blood pressure is high. We recommend seeing a doctor.',
    },
  },
  dbp: {
    C: {
      ja: '血圧がやや高めです。減塩と適度な運動をおすすめします。家庭でも測ってみましょう。',
      en: 'Your blood pressure is a little high. Less salt and exercise help; measure it at home.',
    },
    D: {
      ja: '血圧が高めです。医療機関の受診をおすすめします。',
      en: 'Your blood pressure is high. We recommend seeing a doctor.',
    },
  },
  hdl: {
    C: {
      ja: 'HDL(善玉)コレステロールが低めです。適度な運動や禁煙が役立ちます。',
      en: 'Your HDL ("good") cholesterol is a little low. Exercise and not smoking help.',
    },
    D: {
      ja: 'HDL(善玉)コレステロールが低めです。医療機関の受診をおすすめします。',
      en: 'Your HDL ("good") cholesterol is low. We recommend seeing a doctor.',
    },
  },
  ldl: {
    C: {
      ja: 'LDL(悪玉)コレステロールが高めです。食事と運動の見直しをおすすめします。',
      en: 'Your LDL ("bad") cholesterol is a little high. Review your diet and exercise.',
    },
    D: {
      ja: 'LDLコレステロールが基準から大きく外れています。医療機関の受診をおすすめします。',
      en: 'Your LDL cholesterol is well outside the reference. We recommend seeing a doctor.',
    },
  },
  tgFasting: {
    C: {
      ja: '中性脂肪が高めです。食べすぎ、飲酒、甘いものを控えることが役立ちます。',
      en: 'Your triglycerides are a little high. Eating less, drinking less and fewer sweets help.',
    },
  },
  ast: {
    C: {
      ja: '肝機能の値がやや高めです。飲酒や食事の見直しをおすすめします。',
      en: 'A liver value is a little high. A look at alcohol and diet is recommended.',
    },
  },
  alt: {
    C: {
      ja: '肝機能の値がやや高めです。飲酒や食事の見直しをおすすめします。',
      en: 'A liver value is a little high. A look at alcohol and diet is recommended.',
    },
  },
  ggt: {
    C: {
      ja: 'γ-GTがやや高めです。お酒の量の見直しをおすすめします。',
      en: 'Your γ-GT is a little high. Cutting down on alcohol is recommended.',
    },
  },
  glucoseFasting: {
    C: {
      ja: '血糖値が基準をやや外れています。食事と運動の見直しをおすすめします。',
      en: 'Your blood glucose is a little outside the reference. Review your diet and exercise.',
    },
  },
  hba1c: {
    C: {
      ja: 'HbA1c(過去1〜2か月の血糖の平均)がやや高めです。食事と運動の見直しをおすすめします。',
      en: 'Your HbA1c (blood glucose over 1–2 months) is a little high. Review diet and exercise.',
    },
    D: {
      ja: 'HbA1c(過去1〜2か月の血糖の平均)が高めです。医療機関の受診をおすすめします。',
      en: 'Your HbA1c (blood glucose over 1–2 months) is high. We recommend seeing a doctor.',
    },
  },
  hb: {
    C: {
      ja: '血色素量(ヘモグロビン)が基準をやや外れています。バランスのよい食事を心がけ、経過を見ましょう。',
      en: 'Your haemoglobin is a little outside the reference. Eat well and keep an eye on it.',
    },
  },
  urineProtein: {
    C: {
      ja: '尿に蛋白が出ています。体調により一時的に出ることもあります。次回の健診で確認しましょう。',
      en: 'Protein was found in your urine. It can be temporary; check it at your next checkup.',
    },
    D: {
      ja: '尿に蛋白が多めに出ています。医療機関の受診をおすすめします。',
      en: 'A fair amount of protein was found in your urine. We recommend seeing a doctor.',
    },
  },
  urineGlucose: {
    C: {
      ja: '尿に糖が出ています。血糖やHbA1cの結果とあわせて確認しましょう。',
      en: 'Glucose was found in your urine. Look at it together with your blood glucose and HbA1c.',
    },
  },
  egfr: {
    C: {
      ja: '腎臓の働きがやや低めです。塩分を控えるなど生活習慣を見直し、経過を見ましょう。',
      en: 'Your kidney function is a little low. Less salt helps; keep an eye on it.',
    },
    D: {
      ja: '腎臓の働きが低めです。医療機関の受診をおすすめします。',
      en: 'Your kidney function is low. We recommend seeing a doctor.',
    },
  },
}

/** Every table, oldest first; tableFor picks the one in force on an exam date. */
export const GRADING_TABLES: readonly GradingTable[] = [
  {
    version: 'ningen-dock-2026-04-01',
    effectiveFrom: '2026-04-01',
    source: '日本人間ドック・予防医療学会 判定区分 (2026-04-01) — verify against the society’s PDF',
    rules: {
      bmi: {
        decimals: 1,
        bands: [
          { grade: 'A', min: 18.5, max: 24.9 },
          { grade: 'C', max: 18.4 },
          { grade: 'C', min: 25.0 },
        ],
      },
      waist: {
        decimals: 1,
        bands: [
          { grade: 'A', sex: 1, max: 84.9 },
          { grade: 'A', sex: 2, max: 89.9 },
          { grade: 'C', sex: 1, min: 85.0 },
          { grade: 'C', sex: 2, min: 90.0 },
        ],
      },
      sbp: {
        decimals: 0,
        bands: [
          { grade: 'A', max: 129 },
          { grade: 'B', min: 130, max: 139 },
          { grade: 'C', min: 140, max: 159 },
          { grade: 'D', min: 160 },
        ],
      },
      dbp: {
        decimals: 0,
        bands: [
          { grade: 'A', max: 84 },
          { grade: 'B', min: 85, max: 89 },
          { grade: 'C', min: 90, max: 99 },
          { grade: 'D', min: 100 },
        ],
      },
      ast: {
        decimals: 0,
        bands: [
          { grade: 'A', max: 30 },
          { grade: 'B', min: 31, max: 35 },
          { grade: 'C', min: 36, max: 50 },
          { grade: 'D', min: 51 },
        ],
      },
      alt: {
        decimals: 0,
        bands: [
          { grade: 'A', max: 30 },
          { grade: 'B', min: 31, max: 40 },
          { grade: 'C', min: 41, max: 50 },
          { grade: 'D', min: 51 },
        ],
      },
      ggt: {
        decimals: 0,
        bands: [
          { grade: 'A', max: 50 },
          { grade: 'B', min: 51, max: 80 },
          { grade: 'C', min: 81, max: 100 },
          { grade: 'D', min: 101 },
        ],
      },
      hdl: {
        decimals: 0,
        bands: [
          { grade: 'A', min: 40 },
          { grade: 'C', min: 30, max: 39 },
          { grade: 'D', max: 29 },
        ],
      },
      ldl: {
        decimals: 0,
        bands: [
          { grade: 'A', min: 60, max: 119 },
          { grade: 'B', min: 120, max: 139 },
          { grade: 'C', min: 140, max: 179 },
          { grade: 'D', max: 59 },
          { grade: 'D', min: 180 },
        ],
      },
      tgFasting: {
        decimals: 0,
        bands: [
          { grade: 'A', min: 30, max: 149 },
          { grade: 'B', min: 150, max: 299 },
          { grade: 'C', min: 300, max: 499 },
          { grade: 'D', max: 29 },
          { grade: 'D', min: 500 },
        ],
      },
      glucoseFasting: {
        decimals: 0,
        bands: [
          { grade: 'A', min: 70, max: 99 },
          { grade: 'B', min: 100, max: 109 },
          { grade: 'C', min: 110, max: 125 },
          { grade: 'C', min: 54, max: 69 },
          { grade: 'D', min: 126 },
          { grade: 'D', max: 53 },
        ],
      },
      hba1c: {
        decimals: 1,
        bands: [
          { grade: 'A', max: 5.5 },
          { grade: 'B', min: 5.6, max: 5.9 },
          { grade: 'C', min: 6.0, max: 6.4 },
          { grade: 'D', min: 6.5 },
        ],
      },
      hb: {
        decimals: 1,
        bands: [
          { grade: 'A', sex: 1, min: 13.1, max: 16.3 },
          { grade: 'B', sex: 1, min: 16.4, max: 18.0 },
          { grade: 'C', sex: 1, min: 12.1, max: 13.0 },
          { grade: 'D', sex: 1, max: 12.0 },
          { grade: 'D', sex: 1, min: 18.1 },
          { grade: 'A', sex: 2, min: 12.1, max: 14.5 },
          { grade: 'B', sex: 2, min: 14.6, max: 16.0 },
          { grade: 'C', sex: 2, min: 11.1, max: 12.0 },
          { grade: 'D', sex: 2, max: 11.0 },
          { grade: 'D', sex: 2, min: 16.1 },
        ],
      },
      // Answer codes of .2102: 1 −, 2 ±, 3 +, 4 2+, 5 3+.
      urineProtein: {
        decimals: 0,
        bands: [
          { grade: 'A', answers: ['1'] },
          { grade: 'B', answers: ['2'] },
          { grade: 'C', answers: ['3'] },
          { grade: 'D', answers: ['4', '5'] },
        ],
      },
      urineGlucose: {
        decimals: 0,
        bands: [
          { grade: 'A', answers: ['1'] },
          { grade: 'C', answers: ['2', '3', '4', '5'] },
        ],
      },
      // "<45" at the table's one decimal is ≤44.9.
      egfr: {
        decimals: 1,
        bands: [
          { grade: 'A', min: 60.0 },
          { grade: 'C', min: 45.0, max: 59.9 },
          { grade: 'D', max: 44.9, verify: true },
        ],
      },
    },
    mhlw: MHLW_4TH,
    meanings: MEANINGS_2026,
  },
]
