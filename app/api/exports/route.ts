// GET /api/exports - one page of the active clinic's exports (?after= / ?before=), polled by the exports page
import { NextResponse } from 'next/server';
import { withClinic } from '@/lib/api/with-clinic';
import { can } from '@/lib/auth/context';
import { listExports } from '@/lib/data/exports';
import { cursorState, loadCursorSearchParams } from '@/lib/pagination/cursor';

export const GET = withClinic(
  async (req, ctx) => {
    const cursor = cursorState(loadCursorSearchParams(req));
    const list = await listExports(ctx, can(ctx, 'exports.download'), cursor);
    return NextResponse.json(list, { headers: { 'Cache-Control': 'no-store' } });
  },
  { permission: 'exports.read' },
);
