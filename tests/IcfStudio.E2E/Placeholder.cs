namespace IcfStudio.E2E;
