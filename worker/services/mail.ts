import { Resend } from 'resend'
import { devOutbox } from '../../db/schema'
import type { Database } from '../../db/open'

export interface Mail {
  to: string
  subject: string
  text: string
  html: string
}

/** Sends mail; production uses Resend, development and tests keep mails in an outbox. */
export interface MailSender {
  send(mail: Mail): Promise<void>
}

export function resendMailer(apiKey: string, from: string, baseUrl?: string): MailSender {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined)
  return {
    async send(mail) {
      const { error } = await resend.emails.send({ from, ...mail })
      if (error) throw new Error(`mail not sent: ${error.name}`)
    },
  }
}

/** Development outbox in the database, listed at /dev/mail. */
export function outboxMailer(db: Database, now: () => number): MailSender {
  return {
    async send(mail) {
      await db.insert(devOutbox).values({ ...mail, sentAt: now() })
    },
  }
}
