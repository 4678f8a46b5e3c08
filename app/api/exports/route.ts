// GET /api/exports - the active clinic's latest exports, polled by the exports page
import { NextResponse } from 'next/server';
import { withClinic } from '@/lib/api/with-clinic';
import { can } from '@/lib/auth/context';
import { listExports } from '@/lib/data/exports';

export const GET = withClinic(
  async (_req, ctx) => {
    const list = await listExports(ctx, can(ctx, 'exports.download'));
    return NextResponse.json(list, { headers: { 'Cache-Control': 'no-store' } });
  },
  { permission: 'exports.read' },
);
