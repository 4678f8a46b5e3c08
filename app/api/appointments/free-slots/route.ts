// GET /api/appointments/free-slots?practitionerMembershipId=&durationMinutes=&from=&exceptId= - the booking form's next free slots
import { NextResponse } from 'next/server';
import { withClinic } from '@/lib/api/with-clinic';
import { freeSlots, freeSlotsQuerySchema } from '@/lib/data/schedule';

export const GET = withClinic(
  async (req, ctx) => {
    const query = freeSlotsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    const slots = await freeSlots(ctx, query);
    return NextResponse.json({ items: slots }, { headers: { 'Cache-Control': 'no-store' } });
  },
  { permission: 'appointments.manage' },
);
