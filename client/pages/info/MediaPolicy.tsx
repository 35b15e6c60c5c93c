import { DocPage, type Doc } from './Doc'
import './styles.css'

const ja: Doc = {
  title: 'メディアポリシー',
  updated: '2026年11月制定',
  intro: [
    {
      p: '本サービスで掲載する健康に関する記事・説明(以下「コンテンツ」)は、次の方針で作成・管理します。',
    },
  ],
  sections: [
    {
      heading: '1. 正確さと出典',
      blocks: [
        {
          p: 'コンテンツは、公的機関や学会が公表している資料など、信頼できる情報源にもとづいて作成し、出典を示します。',
        },
      ],
    },
    {
      heading: '2. 専門家の監修',
      blocks: [
        {
          p: '健診結果の基準値区分や病気に関する説明は、医師などの専門家の監修を受けます。',
        },
      ],
    },
    {
      heading: '3. 診断ではありません',
      blocks: [
        {
          p: 'コンテンツや健診結果の表示は一般的な情報提供を目的としたもので、診断や治療に代わるものではありません。気になる症状や結果がある場合は、医療機関にご相談ください。',
        },
      ],
    },
    {
      heading: '4. 広告との区別',
      blocks: [
        {
          p: '広告や協賛によるコンテンツにはその旨を明示し、編集による内容と区別します。',
        },
      ],
    },
    {
      heading: '5. 訂正',
      blocks: [
        {
          p: '誤りが見つかった場合は速やかに訂正し、訂正した日と内容を示します。',
        },
      ],
    },
    {
      heading: '6. 著作権',
      blocks: [{ p: 'コンテンツの無断転載・複製はご遠慮ください。' }],
    },
  ],
}

const en: Doc = {
  title: 'Media Policy',
  updated: 'Established November 2026',
  intro: [
    {
      p: 'Health articles and explanations on the Service ("content") are written and maintained under the following policy.',
    },
  ],
  sections: [
    {
      heading: '1. Accuracy and sources',
      blocks: [
        {
          p: 'Content is based on reliable sources, such as material published by public bodies and medical societies, and names its sources.',
        },
      ],
    },
    {
      heading: '2. Expert review',
      blocks: [
        {
          p: 'Reference ranges for checkup results and explanations of illnesses are reviewed by doctors and other experts.',
        },
      ],
    },
    {
      heading: '3. Not a diagnosis',
      blocks: [
        {
          p: 'Content and the display of checkup results are general information and do not replace diagnosis or treatment. If you are worried about a symptom or a result, please consult a medical institution.',
        },
      ],
    },
    {
      heading: '4. Advertising',
      blocks: [
        {
          p: 'Advertising and sponsored content is labelled as such and kept apart from editorial content.',
        },
      ],
    },
    {
      heading: '5. Corrections',
      blocks: [
        {
          p: 'Errors are corrected promptly, with the date and nature of the correction shown.',
        },
      ],
    },
    {
      heading: '6. Copyright',
      blocks: [{ p: 'Please do not reproduce content without permission.' }],
    },
  ],
}

/** メディアポリシー. */
export default function MediaPolicy() {
  return <DocPage docs={{ ja, en }} />
}
