import type { StatusCounts } from '../../../shared/api';
import type { MessageKey } from '../../i18n';

/** The five columns of a task's status counts, in the order the consolidated workbook uses. */
export const STATUS_COUNT_KEYS: { key: keyof StatusCounts; label: MessageKey; colour: string }[] = [
  { key: 'completed', label: 'taskStatus.completed', colour: '#237804' },
  { key: 'inProgress', label: 'taskStatus.in_progress', colour: '#0958d9' },
  { key: 'notStarted', label: 'taskStatus.not_started', colour: '#ad4e00' },
  { key: 'notApplicable', label: 'taskStatus.not_applicable', colour: '#595959' },
  { key: 'noReport', label: 'taskStatus.noReport', colour: '#a8071a' },
];
