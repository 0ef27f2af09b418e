from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from chuishao_shared.serve import serve

if __name__ == "__main__":
    settings = IntakeSettings()
    serve(
        settings,
        build_app,
        MIGRATIONS,
        workers=settings.intake_workers,
        app_factory="chuishao_intake.bootstrap:build_app",
    )
