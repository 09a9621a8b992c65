/** Registers Ruritania wherever it is imported: the test process (client, activities) and the workflow bundle. */
import { isJurisdiction, registerJurisdiction } from '../../../domain/jurisdictions';
import { ruritania } from './pack';

if (!isJurisdiction(ruritania.code)) registerJurisdiction(ruritania);
