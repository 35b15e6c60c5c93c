import { Notice } from '../../components/Notice'
import { PasswordField } from '../../components/PasswordField'
import { s } from './strings'

/**
 * The password chosen at sign-up, asked for where a link or code is used outside the browser or app
 * that began the sign-up (docs/security.md, the sign-up binding): says why, and what to do when one did
 * not sign up.
 */
export function SignupPassword(props: {
  id: string
  /** What was used outside the browser or app that signed up: the mailed link, or the code. */
  via: 'link' | 'code'
  value: string
  onValue: (value: string) => void
  error?: string
}) {
  const intro = `${props.id}-intro`
  return (
    <>
      <Notice kind="info" role="status" id={intro}>
        {s(props.via === 'link' ? 'elsewhereIntro' : 'elsewhereCodeIntro')}
      </Notice>
      <p>{s('elsewhereNotMe')}</p>
      <PasswordField
        id={props.id}
        label={s('signupPassword')}
        autocomplete="current-password"
        required
        describedBy={intro}
        value={props.value}
        onValue={props.onValue}
        error={props.error}
      />
    </>
  )
}
