// GET /api/health - liveness, database and migration check (public; reveals no data)
import { NextResponse } from 'next/server';
import { checkHealth } from '@/db/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET() {
  const report = await checkHealth();
  return NextResponse.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
