// A many-to-many field chosen through one of Wagtail's chooser modals (cms/core/widgets.py,
// MultipleChooser): the modal opens with "select several" and on the language of the page
// or snippet being edited; each chosen object becomes a hidden input named like the field.
// Registered as a Stimulus controller on Wagtail's own application (window.wagtail.app).
(() => {
  class MultipleChooserController extends window.StimulusModule.Controller {
    static targets = ['list', 'template', 'empty'];

    static values = {
      definition: Object,
      name: String,
      locale: String,
      localeInput: String,
    };

    choose() {
      if (!this.chooser) {
        this.chooser = window.telepath.unpack(this.definitionValue);
      }
      const options = { multiple: true };
      const localeInput = this.localeInputValue && document.getElementById(this.localeInputValue);
      const locale = this.localeValue || (localeInput && localeInput.value);
      if (locale) {
        options.linkedFieldFilters = { locale };
      }
      this.chooser.openModal((result) => this.add([].concat(result)), options);
    }

    add(items) {
      const chosen = new Set(Array.from(this.listTarget.querySelectorAll('input'), (input) => input.value));
      items.forEach((item) => {
        const id = String(item.id);
        if (chosen.has(id)) return;
        chosen.add(id);
        const row = this.templateTarget.content.firstElementChild.cloneNode(true);
        row.querySelector('input').value = id;
        const title = row.querySelector('[data-multiple-chooser-title]');
        title.textContent = item.title || item.string || id;
        if (item.edit_url) title.href = item.edit_url;
        this.listTarget.append(row);
      });
      this.changed();
    }

    remove(event) {
      event.currentTarget.closest('[data-multiple-chooser-item]').remove();
      this.changed();
    }

    changed() {
      this.emptyTarget.hidden = this.listTarget.children.length > 0;
      // Wagtail's unsaved-changes check (and autosave) listen for changes on the form.
      this.element.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  window.wagtail.app.register('multiple-chooser', MultipleChooserController);
})();
