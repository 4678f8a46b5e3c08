// GET /api/staff/search?q=&role=&limit= - practitioner picker search among the active clinic's members
import { NextResponse } from 'next/server';
import { withClinic } from '@/lib/api/with-clinic';
import { searchStaff, staffSearchQuerySchema } from '@/lib/data/staff';

export const GET = withClinic(
  async (req, ctx) => {
    const query = staffSearchQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    const items = await searchStaff(ctx, query);
    return NextResponse.json({ items }, { headers: { 'Cache-Control': 'no-store' } });
  },
  { permission: 'staff.read' },
);
