import { Navigate, Route, Router } from '@solidjs/router'
import { lazy, Show } from 'solid-js'
import { Layout } from './components/Layout'
import { member } from './lib/session'
import { offlineRefusal } from './lib/offline-wipe'
import { Loading } from './components/Status'

// Every screen is its own chunk: the first download is the shell only (budget: 40 KB gzip).
const Login = lazy(() => import('./pages/login/Login'))
const LoginHelp = lazy(() => import('./pages/login/LoginHelp'))
const Unlock = lazy(() => import('./pages/login/Unlock'))
const Signup = lazy(() => import('./pages/signup/Signup'))
const SignupConfirm = lazy(() => import('./pages/signup/SignupConfirm'))
const SignupSent = lazy(() => import('./pages/signup/SignupSent'))
const SignupCode = lazy(() => import('./pages/signup/SignupCode'))
const Verify = lazy(() => import('./pages/signup/Verify'))
const SignupDone = lazy(() => import('./pages/signup/SignupDone'))
const ForgotPassword = lazy(() => import('./pages/password/ForgotPassword'))
const ResetPassword = lazy(() => import('./pages/password/ResetPassword'))
const Home = lazy(() => import('./pages/home/Home'))
const CardPerson = lazy(() => import('./pages/card/CardPerson'))
const CardNumber = lazy(() => import('./pages/card/CardNumber'))
const CardConfirm = lazy(() => import('./pages/card/CardConfirm'))
const CardDone = lazy(() => import('./pages/card/CardDone'))
const Checkups = lazy(() => import('./pages/checkups/Checkups'))
const CheckupCriteria = lazy(() => import('./pages/checkups/Criteria'))
const AccessLog = lazy(() => import('./pages/account/AccessLog'))
const Inquiry = lazy(() => import('./pages/inquiry/Inquiry'))
const Faq = lazy(() => import('./pages/info/Faq'))
const Terms = lazy(() => import('./pages/info/Terms'))
const Privacy = lazy(() => import('./pages/info/Privacy'))
const MediaPolicy = lazy(() => import('./pages/info/MediaPolicy'))
const NotFound = lazy(() => import('./pages/NotFound'))
const Notices = lazy(() => import('./pages/notices/Notices'))
const Notifications = lazy(() => import('./pages/account/Notifications'))
// The staff console (/staff/*): one chunk named here, which picks and loads its own screens.
const StaffConsole = lazy(() => import('./pages/staff/StaffConsole'))
const AccountSettings = lazy(() => import('./pages/account/Settings'))
const AccountEmail = lazy(() => import('./pages/account/EmailChange'))
const AccountEmailConfirm = lazy(() => import('./pages/account/EmailConfirm'))
const AccountEmailRevert = lazy(() => import('./pages/account/EmailRevert'))
const AccountPassword = lazy(() => import('./pages/account/PasswordChange'))
const AccountSessions = lazy(() => import('./pages/account/Sessions'))
const AccountWithdraw = lazy(() => import('./pages/account/Withdraw'))
const AccountWithdrawn = lazy(() => import('./pages/account/Withdrawn'))
const CheckupDate = lazy(() => import('./pages/checkups/CheckupDate'))
const Invite = lazy(() => import('./pages/account/Invite'))
const AccountPasskeys = lazy(() => import('./pages/account/Passkeys'))

/**
 * `/` (and the installed app's start): the home screen for a logged-in member, else the log-in screen;
 * offline, when the copy on the device was just refused, the results screen, which says why.
 */
function Start() {
  return (
    <Show when={!member.loading} fallback={<Loading />}>
      <Navigate href={member() ? '/home' : offlineRefusal() ? '/checkups' : '/login'} />
    </Show>
  )
}

export function App() {
  return (
    <Router root={Layout}>
      <Route path="/" component={Start} />
      <Route path="/login" component={Login} />
      <Route path="/login/help" component={LoginHelp} />
      <Route path="/unlock" component={Unlock} />
      <Route path="/signup" component={Signup} />
      <Route path="/signup/confirm" component={SignupConfirm} />
      <Route path="/signup/sent" component={SignupSent} />
      <Route path="/signup/code" component={SignupCode} />
      <Route path="/signup/done" component={SignupDone} />
      <Route path="/verify" component={Verify} />
      <Route path="/password/forgot" component={ForgotPassword} />
      <Route path="/password/reset" component={ResetPassword} />
      <Route path="/home" component={Home} />
      <Route path="/card" component={CardPerson} />
      <Route path="/card/number" component={CardNumber} />
      <Route path="/card/confirm" component={CardConfirm} />
      <Route path="/card/done" component={CardDone} />
      <Route path="/checkups" component={Checkups}>
        <Route path="/" component={CheckupDate} />
        <Route path="/:date" component={CheckupDate} />
      </Route>
      <Route path="/checkups/criteria" component={CheckupCriteria} />
      <Route path="/account" component={AccountSettings} />
      <Route path="/account/email" component={AccountEmail} />
      <Route path="/account/email/confirm" component={AccountEmailConfirm} />
      <Route path="/account/email/revert" component={AccountEmailRevert} />
      <Route path="/account/password" component={AccountPassword} />
      <Route path="/account/sessions" component={AccountSessions} />
      <Route path="/account/passkeys" component={AccountPasskeys} />
      <Route path="/account/invite" component={Invite} />
      <Route path="/account/withdraw" component={AccountWithdraw} />
      <Route path="/account/withdrawn" component={AccountWithdrawn} />
      <Route path="/account/access-log" component={AccessLog} />
      <Route path="/inquiry" component={Inquiry} />
      <Route path="/faq" component={Faq} />
      <Route path="/terms" component={Terms} />
      <Route path="/privacy" component={Privacy} />
      <Route path="/media-policy" component={MediaPolicy} />
      <Route path="/notices" component={Notices} />
      <Route path="/account/notifications" component={Notifications} />
      <Route path="/staff/*" component={StaffConsole} />
      <Route path="*404" component={NotFound} />
    </Router>
  )
}
