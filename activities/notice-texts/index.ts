// The notice texts of every language an application may choose (domain/case LanguageSchema).
import type { Language } from '../../domain/notices';
import { en } from './en';
import { nl } from './nl';
import { no } from './no';
import type { NoticeTexts } from './types';

export const NOTICE_TEXTS: Record<Language, NoticeTexts> = { nl, en, no };
export type { Block, CitedLetterLaw, KindText, NoticeTexts, Office, Remedy, RightsContext, TextContext } from './types';
