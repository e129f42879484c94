// Issue 19: the step bar's button brings the president's next action into view and focuses it.
export function focusAction(selector) {
    const element = document.querySelector(selector);
    if (!element) {
        return false;
    }

    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    return document.activeElement === element;
}
