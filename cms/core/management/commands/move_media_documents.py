"""Move document files uploaded before documents had their own storage out of the media
storage (MEDIA_ROOT/documents/, public) into the documents storage (DOCUMENTS_ROOT, private)."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from cms.core.documents import UPLOAD_FOLDER, document_storage


def files_under(storage, folder):
    """Every file name below ``folder`` of ``storage``, in subfolders too."""
    subfolders, files = storage.listdir(folder) if storage.exists(folder) else ([], [])
    yield from (f"{folder}/{name}" for name in files)
    for subfolder in subfolders:
        yield from files_under(storage, f"{folder}/{subfolder}")


def same_content(name, storage, other):
    with storage.open(name, "rb") as one, other.open(name, "rb") as two:
        return one.read() == two.read()


class Command(BaseCommand):
    help = (
        f"Move every file under {UPLOAD_FOLDER}/ in the media storage to the same name in the documents storage "
        "(a file already there with the same bytes is only removed from media; one with other bytes is left in "
        "both places and reported). Run it once after `migrate` when upgrading; a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would move; change nothing.")

    def handle(self, *args, dry_run, **options):
        media, documents = default_storage, document_storage()
        moved, conflicts = 0, []
        for name in files_under(media, UPLOAD_FOLDER):
            if documents.exists(name) and not same_content(name, media, documents):
                conflicts.append(name)
                continue
            if not dry_run:
                if not documents.exists(name):
                    with media.open(name, "rb") as content:
                        saved = documents.save(name, content)
                    if saved != name:
                        raise CommandError(f"{name} was stored as {saved}; nothing removed from media.")
                media.delete(name)
            moved += 1
            self.stdout.write(f"{'would move' if dry_run else 'moved'} {name}", self.style.SUCCESS)
        self.stdout.write(f"{moved} file(s) {'to move' if dry_run else 'moved'}, {len(conflicts)} conflict(s).")
        if conflicts:
            raise CommandError(
                "Different files of the same name are in both storages (left as they are; compare and remove "
                "one): " + ", ".join(conflicts)
            )
