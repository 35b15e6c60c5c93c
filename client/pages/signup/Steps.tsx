import { Stepper } from '../../components/Stepper'
import { s } from './strings'

/** The sign-up steps: 1 入力, 2 規約確認, 3 メールアドレス確認, 4 保険証情報の入力 (/card). */
export function SignupSteps(props: { current: 1 | 2 | 3 | 4 }) {
  return (
    <Stepper steps={[s('steps1'), s('steps2'), s('steps3'), s('steps4')]} current={props.current} />
  )
}
