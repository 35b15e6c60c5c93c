import { Stepper } from '../../components/Stepper'
import { s } from './strings'

/** The card steps: 1 保険証情報の入力, 2 記号・番号の入力, 3 入力内容の確認, 4 登録完了. */
export function CardSteps(props: { current: 1 | 2 | 3 | 4 }) {
  return (
    <Stepper steps={[s('steps1'), s('steps2'), s('steps3'), s('steps4')]} current={props.current} />
  )
}
