import { formatDistanceStrict } from 'date-fns';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { UserContext } from '@/lib/auth/context';
import { loadOwnSessions } from '@/lib/auth/own-sessions';
import { formatUtc } from '@/lib/dates/format';
import { EndSessionsButton } from './end-sessions-buttons';

/** No clinic (and so no clinic time zone) here: times are in UTC and say so. */
/** The user's own live sessions, this one marked, with ways to sign the others out. */
export async function SessionsSection({ ctx }: { ctx: UserContext }) {
  const sessions = await loadOwnSessions(ctx.user.id, ctx.session.sessionId);
  const now = new Date();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <Card aria-labelledby="sessions-heading">
      <CardHeader
        id="sessions-heading"
        title="Where you are signed in"
        description="Sessions end after a while without use. Sign out any you do not recognise."
        actions={others > 0 && <EndSessionsButton label="Sign out other sessions" />}
      />
      <CardBody className="p-0">
        <ul className="divide-y divide-slate-100" aria-label="Your sessions">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-slate-900">
                  {s.browser} {s.current && <Badge tone="success">This session</Badge>}
                </p>
                <p className="text-slate-600">
                  Signed in {formatUtc(s.createdAt)} · last used{' '}
                  {formatDistanceStrict(s.lastSeenAt, now, { addSuffix: true })}
                </p>
              </div>
              {!s.current && (
                <EndSessionsButton
                  sessionId={s.id}
                  label="Sign out"
                  ariaLabel={`Sign out the ${s.browser} session signed in ${formatUtc(s.createdAt)}`}
                />
              )}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
