// GET /api/patients/search - picker search in the active clinic
import { NextResponse } from 'next/server';
import { withClinic } from '@/lib/api/with-clinic';
import { searchPatients } from '@/lib/data/patient-search';
import { patientSearchQuerySchema } from '@/lib/patients/search-query';

export const GET = withClinic(
  async (req, ctx) => {
    const params = req.nextUrl.searchParams;
    // A missing limit must reach the schema as undefined (its default), not as null.
    const { q, limit } = patientSearchQuerySchema.parse({
      q: params.get('q') ?? undefined,
      limit: params.get('limit') ?? undefined,
    });
    const items = await searchPatients(ctx, q, limit);
    return NextResponse.json({ items }, { headers: { 'Cache-Control': 'no-store' } });
  },
  { permission: 'patients.read' },
);
