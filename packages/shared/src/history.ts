/**
 * The trash of deleted events is for engagement administrators (issue 5): listing and recovering need
 * `event.delete` AND `engagement.change`. Red Team Operators hold the first but not the second, so they
 * can delete (the event goes to the trash) but only an administrator brings it back. One list, read by
 * the server's route access, the core policy and the web's route and navigation guards.
 */
export const TRASH_PERMISSIONS = ['event.delete', 'engagement.change'] as const;
